import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('value-grab', {
  flagged: [
    { name: 'one attempt', partner: { conduct: { valueGrabAttempts: 1 } }, severity: 'high', message: /tried once/, evidence: ['partner.conduct.valueGrabAttempts'] },
    { name: 'three attempts', partner: { conduct: { valueGrabAttempts: 3 } }, severity: 'blocker', message: /tried 3 times/ },
  ],
  passed: [{ name: 'never', partner: { conduct: { valueGrabAttempts: 0 } } }],
  unknown: [{ name: 'not recorded', partner: {}, missing: ['partner.conduct.valueGrabAttempts'] }],
});
