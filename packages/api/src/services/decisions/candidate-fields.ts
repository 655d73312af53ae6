/** What the decision pages show of a nomination, read from its form data with the unit as fallback. */
export type NominationSummary = {
  applicationId: string;
  baseName: string;
  hostUnit: string;
  category: string;
  districtCode: string;
};

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function summarizeNomination(application: { id: string; data: Record<string, unknown> }, organization: { name: string; districtCode: string }): NominationSummary {
  return {
    applicationId: application.id,
    baseName: str(application.data.baseName) || organization.name,
    hostUnit: str(application.data.hostUnit) || organization.name,
    category: str(application.data.category) || '其他',
    districtCode: str(application.data.districtCode) || organization.districtCode,
  };
}
