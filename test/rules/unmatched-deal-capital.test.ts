import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('unmatched-deal-capital', {
  flagged: [
    { name: 'we fund the demo system, they nothing', opportunity: { commitments: [{ by: 'us', kind: 'lab-hardware', amount: 30000 }] }, severity: 'blocker', message: /commit \$30,000 upfront to this deal and the partner nothing/, evidence: ['opportunity.commitments'] },
    // The cliff: $1 against our $100,000 is nothing in effect.
    { name: 'a token $1 against our $100,000', opportunity: { commitments: [{ by: 'us', kind: 'capital', amount: 100000 }, { by: 'partner', kind: 'presales', amount: 1 }] }, severity: 'blocker', message: /^We would commit \$100,000 upfront to this deal and the partner a token \$1 against our \$100,000\.$/ },
    { name: 'they put in an eighth of ours', opportunity: { commitments: [{ by: 'us', kind: 'capital', amount: 40000 }, { by: 'partner', kind: 'presales', amount: 5000 }] }, severity: 'high', message: /\$40,000 upfront and the partner \$5,000/ },
  ],
  passed: [
    { name: 'matched', opportunity: { commitments: [{ by: 'us', kind: 'presales', amount: 10000 }, { by: 'partner', kind: 'presales', amount: 10000 }] } },
    { name: 'nobody commits anything upfront', opportunity: { commitments: [] } },
  ],
  unknown: [{ name: 'commitments not known', opportunity: {}, missing: ['opportunity.commitments'] }],
  notApplicable: [{ name: 'a direct deal has no partner to match us', direct: true, opportunity: { commitments: [{ by: 'us', kind: 'capital', amount: 30000 }] } }],
});
