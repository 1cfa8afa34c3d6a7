import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('partner-out-of-depth', {
  flagged: [
    { name: 'the partner cannot deliver it', opportunity: { fit: { withinPartnerCapability: false } }, severity: 'medium', message: /deliver and win this: no/, evidence: ['opportunity.fit.withinPartnerCapability'] },
    { name: 'a partner-led deal at 10%', opportunity: { fit: { withinPartnerCapability: true }, quoting: { by: 'partner' }, winProbability: 0.1 }, severity: 'medium', message: /win probability 0\.1/ },
  ],
  passed: [{ name: 'capable, and we lead the quote', opportunity: { fit: { withinPartnerCapability: true }, quoting: { by: 'us' } } }],
  unknown: [{ name: 'capable; who leads and the odds not known', opportunity: { fit: { withinPartnerCapability: true } }, missing: ['opportunity.quoting.by', 'opportunity.winProbability'] }],
  notApplicable: [{ name: 'direct deal', direct: true, opportunity: { fit: { withinPartnerCapability: false } } }],
});
