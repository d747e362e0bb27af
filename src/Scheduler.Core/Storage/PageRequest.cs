namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// Which page of a list to read: 1-based <see cref="Number"/>, <see cref="Size"/> rows. Lists are
/// always read a page at a time (issue 16: pages that loaded every row grew to megabytes of HTML).
/// A size above <see cref="MaxSize"/> is not an error: the reader gets the largest page and
/// <see cref="Page{T}.SizeLimited"/> says so.
/// </summary>
public readonly record struct PageRequest(int Number, int Size)
{
    /// <summary>The largest page any list hands out, to a page or to the API.</summary>
    public const int MaxSize = 500;

    public const int DefaultSize = 50;

    public static PageRequest First(int size = DefaultSize) => new(1, size);

    /// <summary>The size actually read: at most <see cref="MaxSize"/>.</summary>
    public int EffectiveSize => Math.Min(Size, MaxSize);

    public int Offset => (Number - 1) * EffectiveSize;

    /// <summary>Page numbers start at 1 and sizes at 1; anything else is bad input, named by field.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Number < 1) errors["page"] = ["Pages are numbered from 1."];
        if (Number > 1_000_000) errors["page"] = ["Pages are numbered up to 1,000,000."];
        if (Size < 1) errors["pageSize"] = [$"A page holds 1 to {MaxSize} rows."];
        return errors;
    }

    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new DomainValidationException(errors);
    }
}

/// <summary>Where a page is within its list, whatever it holds (for pagers).</summary>
public interface IPageInfo
{
    int Number { get; }
    int Size { get; }
    long Total { get; }
    int PageCount { get; }
}

/// <summary>One page of a list, with the total the filter matches so the reader can page on.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, long Total, int RequestedSize) : IPageInfo
{
    /// <summary>True when more rows were asked for than <see cref="PageRequest.MaxSize"/>.</summary>
    public bool SizeLimited => RequestedSize > Size;

    public int PageCount => Total == 0 ? 1 : (int)((Total + Size - 1) / Size);

    /// <summary>What a reader is told when the page was cut to the maximum.</summary>
    public string? Notice => SizeLimited
        ? $"{RequestedSize:N0} rows were asked for; a page holds at most {Size:N0}, so this is page {Number} of {PageCount:N0} with up to {Size:N0} rows."
        : null;

    public static Page<T> Of(IReadOnlyList<T> items, PageRequest request, long total) =>
        new(items, request.Number, request.EffectiveSize, total, request.Size);

    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Number, Size, Total, RequestedSize);
}
