import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('sponsor-departed', {
  flagged: [
    { name: 'the VP moved on', partner: { sponsor: { level: 'vp', active: false } }, severity: 'high', message: /^Their sponsor \(vp\) no longer owns the partnership, and no successor is recorded\.$/, evidence: ['partner.sponsor.active'] },
    // Nobody owning it is no better than an owner who left: a worse level never scores better.
    { name: 'the owner left, and at what level is not recorded', partner: { sponsor: { active: false } }, severity: 'high', message: /^Their sponsor no longer owns the partnership, and no successor is recorded\.$/ },
    { name: 'nobody on their side owns it', partner: { sponsor: { level: 'none' } }, severity: 'high', message: /^Nobody on their side owns the partnership\.$/, evidence: ['partner.sponsor.level'] },
  ],
  passed: [{ name: 'the VP still owns it', partner: { sponsor: { level: 'vp', active: true } } }],
  unknown: [{ name: 'a director, maybe still there', partner: { sponsor: { level: 'director' } }, missing: ['partner.sponsor.active'] }],
});
