using System.Globalization;
using CapacityConsole.Scheduler.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

/// <summary>
/// Paging of the API's list endpoints. The body stays a JSON array (clients that read it keep
/// working); where it is in the list travels in headers: X-Total-Count, X-Page, X-Page-Size and a
/// Link to the next page. A pageSize above the maximum is not refused: the answer is the largest
/// page, and X-Page-Size-Limited says so in words (issue 16: "asked for 100,000 rows").
/// </summary>
internal static class ApiPaging
{
    public const string TotalHeader = "X-Total-Count";
    public const string PageHeader = "X-Page";
    public const string SizeHeader = "X-Page-Size";
    public const string LimitedHeader = "X-Page-Size-Limited";

    /// <summary>Without a pageSize the API answers the largest page, as much as it answered before paging.</summary>
    public static PageRequest From(int? page, int? pageSize) => new(page ?? 1, pageSize ?? PageRequest.MaxSize);

    /// <summary>A 400 naming the field for a page below 1 or a size below 1; null when the request is fine.</summary>
    public static ValidationProblem? Invalid(PageRequest request)
    {
        var errors = request.Validate();
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "The request is not valid.",
            detail: string.Join(" ", errors.SelectMany(e => e.Value)));
    }

    public static IReadOnlyList<T> Describe<T>(this Page<T> page, HttpContext http)
    {
        var headers = http.Response.Headers;
        headers[TotalHeader] = page.Total.ToString(CultureInfo.InvariantCulture);
        headers[PageHeader] = page.Number.ToString(CultureInfo.InvariantCulture);
        headers[SizeHeader] = page.Size.ToString(CultureInfo.InvariantCulture);
        if (page.Notice is { } notice) headers[LimitedHeader] = notice;
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
