using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace CapacityConsole.Web.Api;

/// <summary>
/// Turns the framework's binding failures (malformed JSON, a value of the wrong type, a missing
/// body, an id that is not a GUID, the wrong media type) into a ProblemDetails that names the
/// problem. When the JSON reader knows where it stopped, the field is named in <c>errors</c> the
/// way validation errors are.
/// </summary>
internal static class BadRequestProblem
{
    public static ProblemDetails From(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [ReaderMessage(json)] })
            {
                Status = exception.StatusCode,
                Title = "The request body could not be read.",
                Detail = $"{exception.Message} {ReaderMessage(json)}",
            };
        }
        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = exception.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? "Send the body as application/json."
                : "The request could not be read.",
            Detail = exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
                || exception.Message.StartsWith("Required parameter", StringComparison.Ordinal) && exception.Message.EndsWith("from body.", StringComparison.Ordinal)
                ? "This endpoint needs a JSON body, and none was sent."
                : exception.Message,
        };
    }

    /// <summary>"$.windowStart" → "windowStart"; "$" (the body as a whole) → "body".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>The reader's own words, without the type names of our assemblies.</summary>
    private static string ReaderMessage(JsonException json) =>
        json.Message.Replace("CapacityConsole.Scheduler.", "", StringComparison.Ordinal);
}
