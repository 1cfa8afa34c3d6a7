import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('dismissive-on-escalations', {
  flagged: [
    { name: 'one problem open for 52 days', partner: { conduct: { escalations: [{ raised: '2026-10-01', summary: 'late delivery', resolved: false }] } }, severity: 'high', message: /^1 problem we raised is unresolved after 30 days\.$/, evidence: ['partner.conduct.escalations'] },
    { name: 'answered dismissively, even if closed', partner: { conduct: { escalations: [{ raised: '2026-11-10', summary: 'pricing', resolved: true, response: 'dismissive' }] } }, severity: 'high', message: /^1 problem we raised was answered dismissively\.$/ },
    { name: 'two open past 30 days, one of them brushed off', partner: { conduct: { escalations: [{ raised: '2026-10-01', summary: 'link', resolved: false, response: 'dismissive' }, { raised: '2026-10-20', summary: 'pricing', resolved: false }] } }, severity: 'high', message: /^2 problems we raised are unresolved after 30 days; 1 was answered dismissively\.$/ },
    { name: 'two problems open for over 60 days', partner: { conduct: { escalations: [{ raised: '2026-08-01', summary: 'link', resolved: false }, { raised: '2026-08-15', summary: 'pricing', resolved: false }] } }, severity: 'blocker', message: /2 problems we raised have stayed unresolved for over 60 days/ },
  ],
  passed: [
    { name: 'none raised', partner: { conduct: { escalations: [] } } },
    { name: 'one raised 12 days ago, still fresh', partner: { conduct: { escalations: [{ raised: '2026-11-10', summary: 'invoice', resolved: false, response: 'constructive' }] } } },
  ],
  unknown: [{ name: 'escalations not recorded', partner: {}, missing: ['partner.conduct.escalations'] }],
});
