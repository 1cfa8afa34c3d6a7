import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('free-consulting', {
  flagged: [{ name: 'ten free days', opportunity: { ask: { freeConsultingDays: 10 } }, severity: 'high', message: /10 days of unpaid design/, evidence: ['opportunity.ask.freeConsultingDays'] }],
  passed: [{ name: 'three days', opportunity: { ask: { freeConsultingDays: 3 } } }, { name: 'exactly five days', opportunity: { ask: { freeConsultingDays: 5 } } }],
  unknown: [{ name: 'not asked yet', opportunity: {}, missing: ['opportunity.ask.freeConsultingDays'] }],
});
