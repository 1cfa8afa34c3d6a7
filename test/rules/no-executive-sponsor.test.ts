import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('no-executive-sponsor', {
  flagged: [{ name: 'a manager owns it', partner: { sponsor: { level: 'manager' } }, severity: 'medium', message: /manager/, evidence: ['partner.sponsor.level'] }],
  passed: [{ name: 'a VP owns it', partner: { sponsor: { level: 'vp' } } }],
  unknown: [{ name: 'no sponsor facts', partner: {}, missing: ['partner.sponsor.level'] }],
});
