import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('quality-below-standard', {
  flagged: [
    { name: 'two incidents', partner: { conduct: { qualityIncidents: 2 } }, severity: 'medium', message: /below our standard 2 times/, evidence: ['partner.conduct.qualityIncidents'] },
    { name: 'four incidents', partner: { conduct: { qualityIncidents: 4 } }, severity: 'high', message: /4 times/ },
  ],
  passed: [{ name: 'one incident', partner: { conduct: { qualityIncidents: 1 } } }],
  unknown: [{ name: 'not recorded', partner: {}, missing: ['partner.conduct.qualityIncidents'] }],
});
