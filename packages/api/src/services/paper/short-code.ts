import { applicationContentHash, shortCodeOf } from '@ssb/documents';
import type { FormField } from '@ssb/domain/application-form';

type Printable = {
  id: string;
  data: Record<string, unknown>;
  campaign: { formFields: readonly FormField[] };
  organization: { name: string };
  recommendingBody: { name: string } | null;
};

/** The short code the 申报表 PDF of this version prints: the same hash as the PDF renderer computes. */
export const currentShortCode = (application: Printable) =>
  shortCodeOf(
    applicationContentHash(application.campaign.formFields, application.data, {
      applicationId: application.id,
      organizationName: application.organization.name,
      recommendingBodyName: application.recommendingBody?.name ?? '',
    }),
  );
