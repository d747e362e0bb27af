using CapacityConsole.Web.Hosting;

namespace CapacityConsole.Web.Tests.Hosting;

/// <summary>
/// Issue 15: the console raises the shared buffer pool's limit for its own process, unless the
/// operator set one. (What it saves is measured in the hub benchmark: the console's allocations and
/// collections during a send to 10,000 viewers; a test host has used the pool long before this runs.)
/// </summary>
public sealed class SharedBufferPoolTests
{
    [Fact]
    public void WithoutAnOperatorsValue_ThePoolKeepsASegmentPerViewerOfOneSend()
    {
        var before = Environment.GetEnvironmentVariable(SharedBufferPool.Variable);
        try
        {
            Environment.SetEnvironmentVariable(SharedBufferPool.Variable, null);
            SharedBufferPool.Configure();
            Assert.Equal("8192", Environment.GetEnvironmentVariable(SharedBufferPool.Variable));
        }
        finally { Environment.SetEnvironmentVariable(SharedBufferPool.Variable, before); }
    }

    [Fact]
    public void AnOperatorsValue_IsKept()
    {
        var before = Environment.GetEnvironmentVariable(SharedBufferPool.Variable);
        try
        {
            Environment.SetEnvironmentVariable(SharedBufferPool.Variable, "64");
            SharedBufferPool.Configure();
            Assert.Equal("64", Environment.GetEnvironmentVariable(SharedBufferPool.Variable));
        }
        finally { Environment.SetEnvironmentVariable(SharedBufferPool.Variable, before); }
    }
}
