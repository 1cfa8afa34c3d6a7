import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('sponsor-handed-down', {
  flagged: [
    { name: 'the VP who started it left; a channel manager took over', partner: { sponsor: { level: 'manager', active: true, previous: { level: 'vp', left: '2026-10-15' } } }, severity: 'high', message: /^The partnership was handed down from vp to manager on 2026-10-15\.$/, evidence: ['partner.sponsor.previous.level', 'partner.sponsor.level'] },
    { name: 'the VP left it to nobody', partner: { sponsor: { level: 'none', previous: { level: 'vp' } } }, severity: 'high', message: /^The partnership was handed down from vp to nobody\.$/ },
  ],
  passed: [
    { name: 'handed up, to a more senior owner', partner: { sponsor: { level: 'c-level', active: true, previous: { level: 'director' } } } },
    { name: 'handed across, at the same level', partner: { sponsor: { level: 'vp', active: true, previous: { level: 'vp', left: '2026-01-10' } } } },
  ],
  unknown: [{ name: 'a handover recorded, who owns it now not known', partner: { sponsor: { previous: { level: 'vp' } } }, missing: ['partner.sponsor.level'] }],
  notApplicable: [{ name: 'no handover recorded: nothing to judge, and nothing to ask', partner: { sponsor: { level: 'manager', active: true } } }],
});
