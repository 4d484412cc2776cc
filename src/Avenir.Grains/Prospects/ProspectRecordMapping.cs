using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>Between the contract's <see cref="ProspectRecord"/> (what travels and is stored) and the domain's <see cref="ProspectSourceRecord"/>.</summary>
public static class ProspectRecordMapping
{
    public static ProspectSourceRecord ToSource(this ProspectRecord record, ProspectDomain domain) => new(
        record.Source, domain, record.SeenAt, record.Name, record.Website, record.Industry, record.EmployeeCount, record.SizeRange,
        record.City, record.Region, record.Country, record.Language, record.Description, record.LinkedInUrl, record.Phone,
        record.Email, record.ContactName, record.SourceId);

    public static ProspectRecord ToContract(this ProspectSourceRecord record) => new()
    {
        Source = record.Source,
        Website = record.Website ?? record.Domain.Value,
        SeenAt = record.SeenAt,
        Name = record.Name,
        Industry = record.Industry,
        EmployeeCount = record.EmployeeCount,
        SizeRange = record.SizeRange,
        City = record.City,
        Region = record.Region,
        Country = record.Country,
        Language = record.Language,
        Description = record.Description,
        LinkedInUrl = record.LinkedInUrl,
        Phone = record.Phone,
        Email = record.Email,
        ContactName = record.ContactName,
        SourceId = record.SourceId,
    };
}
