import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('cash-flow-strain', {
  flagged: [
    { name: 'pays on acceptance', opportunity: { payment: { onAcceptance: true } }, severity: 'medium', message: /pays on acceptance: yes/, evidence: ['opportunity.payment.onAcceptance'] },
    { name: 'pays on acceptance and we front 40% of the value', opportunity: { value: 100000, commitments: [{ by: 'us', kind: 'presales', amount: 40000 }], payment: { onAcceptance: true, daysToCash: 150 } }, severity: 'high', message: /our upfront commitment is 40% of the deal value/ },
  ],
  passed: [{ name: 'paid in 30 days, no acceptance clause', opportunity: { payment: { onAcceptance: false, daysToCash: 30 } } }],
  unknown: [{ name: 'no acceptance clause; days to cash not known', opportunity: { payment: { onAcceptance: false } }, missing: ['opportunity.payment.daysToCash', 'opportunity.commitments', 'opportunity.value'], possibleSeverity: 'high' }],
});
