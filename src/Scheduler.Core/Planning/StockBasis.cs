namespace CapacityConsole.Scheduler.Planning;

/// <summary>What the stock under an allocation rests on (issue 13: stock you can stand on).</summary>
public enum StockBasis
{
    /// <summary>Counted stock (IDC hosts): a real count.</summary>
    Counted,

    /// <summary>A reported category, held to what recent fulfilments in that zone and type taught.</summary>
    Learned,

    /// <summary>A reported category with nothing learned: the nominal count assumed for it.</summary>
    Assumed,
}
