namespace Interdict.Core.Model;

/// <summary>Facts published about a vessel.</summary>
public sealed record VesselDetails
{
    /// <summary>Radio call sign.</summary>
    public string? CallSign { get; init; }

    /// <summary>Vessel type, e.g. <c>Crude/Oil Products Tanker</c>.</summary>
    public string? VesselType { get; init; }

    /// <summary>Tonnage as published.</summary>
    public string? Tonnage { get; init; }

    /// <summary>Gross registered tonnage as published.</summary>
    public string? GrossRegisteredTonnage { get; init; }

    /// <summary>Flag state as published.</summary>
    public string? Flag { get; init; }

    /// <summary>Owner or operator as published.</summary>
    public string? Owner { get; init; }
}
