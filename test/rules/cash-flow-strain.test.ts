import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('cash-flow-strain', {
  flagged: [
    { name: 'pays on acceptance', opportunity: { payment: { onAcceptance: true } }, severity: 'medium', message: /^The customer pays only once everything works\.$/, evidence: ['opportunity.payment.onAcceptance'] },
    { name: 'pays on acceptance and we front 40% of the value', opportunity: { value: 100000, commitments: [{ by: 'us', kind: 'presales', amount: 40000 }], payment: { onAcceptance: true, daysToCash: 150 } }, severity: 'high', message: /^The customer pays only once everything works, 150 days after our first spend, and our upfront commitment is 40% of the deal value\.$/ },
    // A deal worth nothing: any upfront money is more than it is worth, never a milder flag.
    { name: 'pays on acceptance, a deal of no value, and we front $8,000', opportunity: { value: 0, commitments: [{ by: 'us', kind: 'presales', amount: 8000 }], payment: { onAcceptance: true } }, severity: 'high', message: /^The customer pays only once everything works, and our upfront commitment of \$8,000 is more than the deal is worth\.$/ },
    { name: 'cash four months after our first spend', opportunity: { payment: { onAcceptance: false, daysToCash: 120 } }, severity: 'medium', message: /^The money arrives late, 120 days after our first spend\.$/ },
  ],
  passed: [{ name: 'paid in 30 days, no acceptance clause', opportunity: { payment: { onAcceptance: false, daysToCash: 30 } } }],
  unknown: [{ name: 'no acceptance clause; days to cash not known', opportunity: { payment: { onAcceptance: false } }, missing: ['opportunity.payment.daysToCash', 'opportunity.commitments', 'opportunity.value'], possibleSeverity: 'high' }],
});
