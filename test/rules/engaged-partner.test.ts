import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('engaged-partner', {
  flagged: [{ name: 'engaged in every way', partner: { engagement: { attendsOurEvents: true, readsOurUpdates: true, contactEveryDays: 14, jointSolution: true } }, severity: 'green', message: /every 14 days/, evidence: ['partner.engagement.jointSolution'] }],
  passed: [{ name: 'skips our events', partner: { engagement: { attendsOurEvents: false } } }],
  unknown: [{ name: 'joint solution not known', partner: { engagement: { attendsOurEvents: true, readsOurUpdates: true, contactEveryDays: 14 } }, missing: ['partner.engagement.jointSolution'] }],
});
