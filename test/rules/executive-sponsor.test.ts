import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('executive-sponsor', {
  flagged: [{ name: 'an active CEO', partner: { sponsor: { level: 'c-level', active: true } }, severity: 'green', message: /active c-level sponsor/, evidence: ['partner.sponsor.level'] }],
  passed: [{ name: 'a manager', partner: { sponsor: { level: 'manager' } } }],
  unknown: [{ name: 'a VP, maybe still there', partner: { sponsor: { level: 'vp' } }, missing: ['partner.sponsor.active'] }],
});
