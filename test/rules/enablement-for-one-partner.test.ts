import { ruleTester } from '../helpers/rule-tester.js';

const demo = (partnerSpecific?: boolean) => ({ by: 'us', kind: 'lab-hardware', amount: 24000, ...(partnerSpecific === undefined ? {} : { partnerSpecific }) });

ruleTester('enablement-for-one-partner', {
  flagged: [
    { name: 'a standard demo unit we pay for alone', opportunity: { kind: 'enablement', commitments: [demo(false)] }, severity: 'high', message: /^We would spend \$24,000 to equip this partner \(demo units, lab, training or marketing\), and it would commit nothing\.$/, evidence: ['opportunity.commitments'] },
    { name: 'they put in under a quarter', opportunity: { kind: 'enablement', commitments: [demo(false), { by: 'partner', kind: 'training', amount: 1000 }] }, severity: 'high', message: /it would commit \$1,000, under 25% of ours\.$/ },
    { name: 'two demo units built to their configuration, paid by us alone', opportunity: { kind: 'enablement', commitments: [demo(true)] }, severity: 'blocker', message: /^We would spend \$24,000 to equip this partner, all of it on what only serves this partner, and it would commit nothing\.$/ },
    { name: 'ours alone, and whether the units serve only them is not recorded', opportunity: { kind: 'enablement', commitments: [demo()] }, severity: 'high', message: /^We would spend \$24,000 to equip this partner/, stillOpen: { missing: ['opportunity.commitments[0].partnerSpecific'], possibleSeverity: 'blocker' } },
    { name: 'one unit built for them, one standard', opportunity: { kind: 'enablement', commitments: [demo(true), demo(false)] }, severity: 'blocker', message: /^We would spend \$48,000 to equip this partner, \$24,000 of it on what only serves this partner, and it would commit nothing\.$/ },
    { name: 'built for them, and they put in a token share', opportunity: { kind: 'enablement', commitments: [demo(true), { by: 'partner', kind: 'training', amount: 1000 }] }, severity: 'blocker', message: /it would commit \$1,000 against our \$24,000\.$/ },
  ],
  passed: [
    { name: 'shared half and half', opportunity: { kind: 'enablement', commitments: [demo(true), { by: 'partner', kind: 'lab-hardware', amount: 24000 }] } },
    { name: 'they pay for it all', opportunity: { kind: 'enablement', commitments: [{ by: 'partner', kind: 'training', amount: 5000 }] } },
  ],
  unknown: [
    { name: 'what the deal asks is not recorded', opportunity: { kind: 'enablement' }, missing: ['opportunity.commitments'] },
  ],
  notApplicable: [
    { name: 'a customer deal is judged by the customer rules', opportunity: { commitments: [demo(true)] } },
    { name: 'a direct deal has no partner to equip', direct: true, opportunity: { kind: 'enablement', commitments: [demo(true)] } },
  ],
});
