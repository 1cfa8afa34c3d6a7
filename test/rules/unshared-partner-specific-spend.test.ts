import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('unshared-partner-specific-spend', {
  flagged: [
    { name: 'our partner-specific lab hardware, their marketing only', partner: { investments: [{ by: 'us', kind: 'lab-hardware', amount: 30000, partnerSpecific: true }, { by: 'partner', kind: 'marketing', amount: 1000 }] }, severity: 'high', message: /\$30,000 on hardware, loaners or engineering that only serve this partner/, evidence: ['partner.investments'] },
  ],
  passed: [
    { name: 'they put engineering in too', partner: { investments: [{ by: 'us', kind: 'lab-hardware', amount: 30000, partnerSpecific: true }, { by: 'partner', kind: 'engineering', amount: 5000 }] } },
    { name: 'our hardware is not partner-specific', partner: { investments: [{ by: 'us', kind: 'lab-hardware', amount: 30000, partnerSpecific: false }] } },
  ],
  unknown: [{ name: 'no ledger', partner: {}, missing: ['partner.investments'] }],
});
