import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('sponsor-departed', {
  flagged: [{ name: 'the VP moved on', partner: { sponsor: { level: 'vp', active: false } }, severity: 'high', message: /sponsor \(vp\) no longer owns/, evidence: ['partner.sponsor.active'] }],
  passed: [
    { name: 'the VP still owns it', partner: { sponsor: { level: 'vp', active: true } } },
    { name: 'there never was a sponsor to lose', partner: { sponsor: { level: 'none' } } },
  ],
  unknown: [{ name: 'a director, maybe still there', partner: { sponsor: { level: 'director' } }, missing: ['partner.sponsor.active'] }],
});
