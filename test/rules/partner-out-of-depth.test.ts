import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('partner-out-of-depth', {
  flagged: [
    { name: 'the partner cannot deliver it', opportunity: { fit: { withinPartnerCapability: false } }, severity: 'medium', message: /^The partner cannot really deliver and win this\.$/, evidence: ['opportunity.fit.withinPartnerCapability'] },
    { name: 'a partner-led deal at 10%', opportunity: { fit: { withinPartnerCapability: true }, quoting: { by: 'partner' }, winProbability: 0.1 }, severity: 'medium', message: /^The partner leads it, and its chance of winning is 10%\.$/ },
  ],
  passed: [
    { name: 'capable, and we lead the quote', opportunity: { fit: { withinPartnerCapability: true }, quoting: { by: 'us' } } },
    // A joint development has no quote or bid yet: it is asked only whether the partner can deliver.
    { name: 'a joint development the partner can deliver', opportunity: { kind: 'joint-development', fit: { withinPartnerCapability: true } } },
  ],
  unknown: [
    { name: 'capable; who leads and the odds not known', opportunity: { fit: { withinPartnerCapability: true } }, missing: ['opportunity.quoting.by', 'opportunity.winProbability'] },
    { name: 'a joint development, whether the partner can deliver not known', opportunity: { kind: 'joint-development' }, missing: ['opportunity.fit.withinPartnerCapability'] },
  ],
  notApplicable: [{ name: 'direct deal', direct: true, opportunity: { fit: { withinPartnerCapability: false } } }],
});
