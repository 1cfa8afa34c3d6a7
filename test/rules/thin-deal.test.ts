import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('thin-deal', {
  flagged: [{ name: '10% margin', opportunity: { marginPercent: 10 }, severity: 'low', message: /margin is 10%/, evidence: ['opportunity.marginPercent'] }],
  passed: [{ name: '25% margin', opportunity: { marginPercent: 25 } }],
  unknown: [{ name: 'margin not known', opportunity: {}, missing: ['opportunity.marginPercent'] }],
});
