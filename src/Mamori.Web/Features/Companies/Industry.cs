namespace Mamori.Web.Features.Companies;

/// <summary>
/// The 14 industry classes of seed 000 §2: the census's major groups with mining merged into
/// manufacturing and the service groups (生活関連サービス業・娯楽業, 複合サービス事業,
/// サービス業(他に分類されないもの)) merged into <see cref="OtherServices"/>.
/// </summary>
public enum Industry
{
    AgricultureForestryFisheries = 1,
    Construction = 2,
    Manufacturing = 3,
    Utilities = 4,
    InformationCommunications = 5,
    TransportPostal = 6,
    WholesaleRetail = 7,
    FinanceInsurance = 8,
    RealEstate = 9,
    ProfessionalTechnicalServices = 10,
    AccommodationFoodServices = 11,
    Education = 12,
    MedicalWelfare = 13,
    OtherServices = 14,
}

/// <summary>Number of employees, including temporary and part-time staff (survey question 1-1).</summary>
public enum EmployeeBand
{
    UpTo5 = 1,
    From6To10 = 2,
    From11To20 = 3,
    From21To50 = 4,
    From51To100 = 5,
    From101To300 = 6,
    Over300 = 7,
}

/// <summary>Paid-in capital (survey question 1-2).</summary>
public enum CapitalBand
{
    SoleProprietor = 1,
    UpTo10Million = 2,
    UpTo30Million = 3,
    UpTo50Million = 4,
    UpTo100Million = 5,
    UpTo300Million = 6,
    Over300Million = 7,
}
