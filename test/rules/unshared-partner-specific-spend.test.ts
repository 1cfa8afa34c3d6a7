import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('unshared-partner-specific-spend', {
  flagged: [
    { name: 'our partner-specific lab hardware, their marketing only', partner: { investments: [{ by: 'us', kind: 'lab-hardware', amount: 30000, partnerSpecific: true }, { by: 'partner', kind: 'marketing', amount: 1000 }] }, severity: 'high', message: /^We spent \$30,000 on hardware, loaners or engineering that only serve this partner; they have put no capital, hardware or engineering in\.$/, evidence: ['partner.investments'] },
    // No cliff at zero: $1 of their capital shares nothing of our $100,000.
    { name: 'a token dollar of their capital', partner: { investments: [{ by: 'us', kind: 'lab-hardware', amount: 100000, partnerSpecific: true }, { by: 'partner', kind: 'capital', amount: 1 }] }, severity: 'high', message: /they have put in \$1 of capital, hardware or engineering, under 25% of it\.$/ },
  ],
  passed: [
    { name: 'they put engineering in too', partner: { investments: [{ by: 'us', kind: 'lab-hardware', amount: 30000, partnerSpecific: true }, { by: 'partner', kind: 'engineering', amount: 7500 }] } },
    { name: 'our hardware is not partner-specific', partner: { investments: [{ by: 'us', kind: 'lab-hardware', amount: 30000, partnerSpecific: false }] } },
  ],
  unknown: [{ name: 'no ledger', partner: {}, missing: ['partner.investments'] }],
});
