using System.Globalization;
using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

/// <summary>
/// Paging of the API's list endpoints. The body stays a JSON array (clients that read it keep
/// working); where it is in the list travels in headers: X-Total-Count, X-Page, X-Page-Size and a
/// Link to the next page. A call without pageSize gets the largest page, and when the list holds
/// more, X-Page-Size-Limited says so in words (issue 16: an unpaged call on a 100,000-row table). The
/// total is exact up to PageRequest.CountLimit rows (then X-Total-Count-Limited says it is a lower
/// bound, so a list call reads a bounded number of rows however large the table grows). An
/// explicit pageSize above the maximum is bad input: a 400 naming pageSize and the maximum (issue 15),
/// so a client that asked for everything learns it did not get it instead of silently missing rows.
/// </summary>
internal static class ApiPaging
{
    public const string TotalHeader = "X-Total-Count";
    public const string PageHeader = "X-Page";
    public const string SizeHeader = "X-Page-Size";
    public const string LimitedHeader = "X-Page-Size-Limited";
    public const string TotalLimitedHeader = "X-Total-Count-Limited";

    /// <summary>Without a pageSize the API answers the largest page, as much as it answered before paging.</summary>
    public static PageRequest From(int? page, int? pageSize) => new(page ?? 1, pageSize ?? PageRequest.MaxSize);

    /// <summary>A 400 naming the field for a page below 1 or a size outside 1..max; null when the request is fine.</summary>
    public static ValidationProblem? Invalid(PageRequest request)
    {
        var errors = request.Validate(refuseOversize: true);
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "The request is not valid.",
            detail: string.Join(" ", errors.SelectMany(e => e.Value)));
    }

    /// <summary>As <see cref="Invalid(PageRequest)"/>, and a 400 naming search for one longer than <see cref="TextLimits.Search"/>.</summary>
    public static ValidationProblem? Invalid(PageRequest request, string? search) =>
        search is { Length: > TextLimits.Search }
            ? ApiErrors.Invalid(nameof(search), $"A search is at most {TextLimits.Search} characters.")
            : Invalid(request);

    public static IReadOnlyList<T> Describe<T>(this Page<T> page, HttpContext http)
    {
        var headers = http.Response.Headers;
        headers[TotalHeader] = page.Total.ToString(CultureInfo.InvariantCulture);
        headers[PageHeader] = page.Number.ToString(CultureInfo.InvariantCulture);
        headers[SizeHeader] = page.Size.ToString(CultureInfo.InvariantCulture);
        if (page.TotalIsLowerBound)
            headers[TotalLimitedHeader] = $"Counted up to {PageRequest.CountLimit:N0} rows and there are more; pages reach the first " +
                $"{PageRequest.CountLimit:N0}. Narrow the filter to reach the others.";
        if (page.Notice is { } notice) headers[LimitedHeader] = notice;
        else if (!http.Request.Query.ContainsKey("pageSize") && page.Total > page.Size)
            headers[LimitedHeader] = $"No pageSize was given; a page holds at most {page.Size:N0} rows, so this is page {page.Number} of " +
                $"{page.PageCount:N0} of {page.Total:N0} rows. Follow the Link header (rel=\"next\") or pass page and pageSize.";
        if (page.Number < page.PageCount)
        {
            var query = http.Request.Query.ToDictionary(q => q.Key, string? (q) => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            query["page"] = (page.Number + 1).ToString(CultureInfo.InvariantCulture);
            query["pageSize"] = page.Size.ToString(CultureInfo.InvariantCulture);
            var next = http.Request.Path + QueryString.Create(query);
            headers.Link = $"<{next}>; rel=\"next\"";
        }
        return page.Items;
    }
}
