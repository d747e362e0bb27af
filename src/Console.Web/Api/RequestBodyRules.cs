using System.Net.Http.Headers;

namespace CapacityConsole.Web.Api;

/// <summary>
/// What the API refuses before a body is read: a body larger than <see cref="MaxBodyBytes"/> (413)
/// and a charset other than UTF-8 (415; JSON is UTF-8 by RFC 8259). An unknown charset once reached
/// the JSON reader and failed there as a 500 with a stack trace in the log, for every endpoint.
/// </summary>
internal static class RequestBodyRules
{
    /// <summary>Far above any real request (texts are bounded by TextLimits); Kestrel enforces it for bodies without a length.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public static IApplicationBuilder UseRequestBodyRules(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api"))
        {
            if (request.ContentLength is null && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
                await BufferAsync(request);
            if (request.ContentLength > MaxBodyBytes)
            {
                await ApiProblems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "body",
                    $"A request body has at most {MaxBodyBytes:N0} bytes.");
                return;
            }
            if (request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media)
                && media.CharSet is { } charset && !IsUtf8(charset))
            {
                await ApiProblems.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "Send the body as UTF-8 JSON.", "Content-Type",
                    $"The charset '{Shorten(charset)}' is not accepted; send 'Content-Type: application/json' (UTF-8).");
                return;
            }
        }
        await next(http);
    });

    /// <summary>
    /// A body sent without a length (chunked) is read into memory up to one byte past the limit, so
    /// the limit holds for it too whatever the server in front (Kestrel's own limit covers the same
    /// case there); the endpoint then reads it from the buffer.
    /// </summary>
    private static async Task BufferAsync(HttpRequest request)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) break;
        }
        buffer.Position = 0;
        request.Body = buffer;
        request.ContentLength = buffer.Length;
        request.HttpContext.Response.RegisterForDispose(buffer);
    }

    private static bool IsUtf8(string charset) =>
        charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

/// <summary>Writes a ProblemDetails with one field error, for refusals made outside the endpoints.</summary>
internal static class ApiProblems
{
    public static Task WriteAsync(HttpContext http, int status, string title, string field, string message)
    {
        http.Response.StatusCode = status;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status, Title = title, Detail = message,
        };
        return http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }
}
