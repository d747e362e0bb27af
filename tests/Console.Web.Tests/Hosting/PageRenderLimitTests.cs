using CapacityConsole.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace CapacityConsole.Web.Tests.Hosting;

public sealed class PageRenderLimitTests
{
    [Theory]
    [InlineData("GET", "/", true)]
    [InlineData("GET", "/approvals", true)]
    [InlineData("GET", "/requests/6d1c3f1e-0b2a-4c7e-9a11-000000000001", true)]
    [InlineData("POST", "/signin", false)]
    [InlineData("GET", "/_blazor", false)] // the circuit's connection must never hold a permit
    [InlineData("GET", "/_blazor/negotiate", false)]
    [InlineData("GET", "/api/v1/requests", false)]
    [InlineData("GET", "/hubs/console", false)]
    [InlineData("GET", "/_content/MudBlazor/MudBlazor.min.css", false)]
    [InlineData("GET", "/app.css", false)]
    public void OnlyFullPageLoads_AreLimited(string method, string path, bool limited)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;

        Assert.Equal(limited, PageRenderLimit.IsPageRender(http.Request));
    }
}
