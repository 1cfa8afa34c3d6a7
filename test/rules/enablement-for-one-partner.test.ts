import { ruleTester } from '../helpers/rule-tester.js';

const demo = (partnerSpecific?: boolean) => ({ by: 'us', kind: 'lab-hardware', amount: 24000, ...(partnerSpecific === undefined ? {} : { partnerSpecific }) });

ruleTester('enablement-for-one-partner', {
  flagged: [
    { name: 'two demo units built to their configuration, paid by us alone', opportunity: { kind: 'enablement', commitments: [demo(true)] }, severity: 'high', message: /^We would spend \$24,000 on demo units, lab, training or marketing that only serve this partner, and it would commit nothing\.$/, evidence: ['opportunity.commitments'] },
    { name: 'they put in a token share', opportunity: { kind: 'enablement', commitments: [demo(true), { by: 'partner', kind: 'training', amount: 1000 }] }, severity: 'high', message: /it would commit \$1,000 against our \$24,000\.$/ },
  ],
  passed: [
    { name: 'a standard demo unit we can use elsewhere', opportunity: { kind: 'enablement', commitments: [demo(false)] } },
    { name: 'shared half and half', opportunity: { kind: 'enablement', commitments: [demo(true), { by: 'partner', kind: 'lab-hardware', amount: 24000 }] } },
  ],
  unknown: [{ name: 'whether the units serve only them is not recorded', opportunity: { kind: 'enablement', commitments: [demo()] }, missing: ['opportunity.commitments[0].partnerSpecific'] }],
  notApplicable: [
    { name: 'a customer deal is judged by the customer rules', opportunity: { commitments: [demo(true)] } },
    { name: 'a direct deal has no partner to equip', direct: true, opportunity: { kind: 'enablement', commitments: [demo(true)] } },
  ],
});
