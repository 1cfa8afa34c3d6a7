import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('outside-our-expertise', {
  flagged: [
    { name: 'not our field', opportunity: { fit: { withinOurExpertise: false } }, severity: 'medium', message: /outside what we are good at/, evidence: ['opportunity.fit.withinOurExpertise'] },
    { name: 'a direct deal outside our field', direct: true, opportunity: { fit: { withinOurExpertise: false } }, severity: 'medium', message: /outside what we are good at/ },
  ],
  passed: [{ name: 'our field', opportunity: { fit: { withinOurExpertise: true } } }],
  unknown: [{ name: 'not known', opportunity: {}, missing: ['opportunity.fit.withinOurExpertise'] }],
});
