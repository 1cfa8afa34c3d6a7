import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('no-skin-in-the-game', {
  flagged: [
    { name: 'we invested and the partner put in nothing', partner: { investments: [{ by: 'us', kind: 'capital', amount: 50000 }] }, severity: 'blocker', message: /\$50,000 into this partnership; the partner has put in nothing/, evidence: ['partner.investments'] },
    { name: 'a token $500 against our $50,000', partner: { investments: [{ by: 'us', kind: 'capital', amount: 50000 }, { by: 'partner', kind: 'marketing', amount: 500 }] }, severity: 'blocker', message: /^We have put \$50,000 into this partnership; the partner has put in a token \$500 against our \$50,000\.$/ },
    { name: 'the partner put in under a quarter of ours', partner: { investments: [{ by: 'us', kind: 'capital', amount: 40000 }, { by: 'partner', kind: 'marketing', amount: 5000 }] }, severity: 'high', message: /\$40,000 and the partner \$5,000: a skin ratio of 0\.12/ },
    // Rounded down: 0.2499 must not read "0.25, under 0.25".
    { name: 'just under a quarter', partner: { investments: [{ by: 'us', kind: 'capital', amount: 40000 }, { by: 'partner', kind: 'marketing', amount: 9996 }] }, severity: 'high', message: /a skin ratio of 0\.24, under 0\.25\.$/ },
  ],
  passed: [
    { name: 'the partner put in half of ours', partner: { investments: [{ by: 'us', kind: 'capital', amount: 10000 }, { by: 'partner', kind: 'capital', amount: 5000 }] } },
    { name: 'an empty ledger: nobody has invested yet', partner: { investments: [] } },
  ],
  unknown: [{ name: 'no ledger', partner: {}, missing: ['partner.investments'] }],
});
