using Microsoft.AspNetCore.Antiforgery;

namespace CapacityConsole.Web.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        // The browser's sign-out form, not part of the REST API. A POST with the antiforgery token:
        // another site can neither sign a user out nor make the server end their session.
        app.MapPost("/auth/signout", async Task<IResult> (HttpContext http, IAntiforgery antiforgery, SignInService signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid.",
                    detail: "Sign out with the console's own sign-out button.");
            await signIn.SignOutAsync(http);
            return TypedResults.LocalRedirect("/signin");
        }).RequireAuthorization().ExcludeFromDescription();
        app.MapAntiforgeryToken();
        return app;
    }
}
