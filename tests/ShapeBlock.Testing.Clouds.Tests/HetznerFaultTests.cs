using System.Globalization;

namespace ShapeBlock.Testing.Clouds.Tests;

public sealed class HetznerFaultTests
{
    [Fact]
    public async Task Wrong_or_missing_token_is_401_with_hetzners_error_and_rate_headers()
    {
        await using var h = await Harness.HetznerAsync();
        h.Api.Token = "wrong";
        var response = (await h.Api.GetAsync("/servers")).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", response["error"].GetProperty("code").GetString());
        Assert.True(response.Headers.ContainsKey("ratelimit-limit"));
        Assert.Equal(401, h.Fake.Requests.All.Single().Status);
    }

    [Fact]
    public async Task Rate_limit_headers_on_every_response_count_down()
    {
        await using var h = await Harness.HetznerAsync(new FakeCloudOptions { RateLimit = 3600 });
        var first = await h.Api.GetAsync("/servers");
        var second = await h.Api.GetAsync("/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, second.Status);
        Assert.Equal("not_found", second["error"].GetProperty("code").GetString());
        Assert.Equal("3600", first.Headers["ratelimit-limit"]);
        Assert.Equal(3599, int.Parse(first.Headers["ratelimit-remaining"], CultureInfo.InvariantCulture));
        Assert.InRange(int.Parse(second.Headers["ratelimit-remaining"], CultureInfo.InvariantCulture), 3598, 3599); // one token refills per second
        var reset = DateTimeOffset.FromUnixTimeSeconds(long.Parse(first.Headers["ratelimit-reset"], CultureInfo.InvariantCulture));
        Assert.InRange(reset, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(2));
    }

    [Fact]
    public async Task Injected_429_carries_retry_after_and_does_not_touch_state()
    {
        await using var h = await Harness.HetznerAsync();
        h.Fake.Faults.RateLimit(2, TimeSpan.FromSeconds(7), method: "POST", pathPrefix: "/v1/ssh_keys");

        var reads = await h.Api.GetAsync("/ssh_keys"); // not matching: unaffected
        reads.Expect(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
        {
            var limited = (await h.Api.PostAsync("/ssh_keys", new { name = "k", public_key = Harness.PublicKey })).Expect(HttpStatusCode.TooManyRequests);
            Assert.Equal("rate_limit_exceeded", limited["error"].GetProperty("code").GetString());
            Assert.Equal("7", limited.Headers["retry-after"]);
            Assert.Equal("0", limited.Headers["ratelimit-remaining"]);
            var reset = long.Parse(limited.Headers["ratelimit-reset"], CultureInfo.InvariantCulture);
            Assert.InRange(reset - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 5, 8);
        }

        Assert.Empty(h.Fake.State.SshKeys);
        Assert.Equal(0, h.Fake.Faults.Pending);
        (await h.Api.PostAsync("/ssh_keys", new { name = "k", public_key = Harness.PublicKey })).Expect(HttpStatusCode.Created);
        Assert.Equal([429, 429, 201], h.Fake.Requests.Matching("POST", "/v1/ssh_keys").Select(r => r.Status));
        Assert.Equal(3, h.Fake.Requests.MutatingCount);
    }

    [Fact]
    public async Task Exhausted_bucket_answers_429_by_itself()
    {
        await using var h = await Harness.HetznerAsync(new FakeCloudOptions { RateLimit = 3 });
        for (var i = 0; i < 3; i++)
        {
            (await h.Api.GetAsync("/servers")).Expect(HttpStatusCode.OK);
        }

        var limited = (await h.Api.GetAsync("/servers")).Expect(HttpStatusCode.TooManyRequests);
        Assert.Equal("0", limited.Headers["ratelimit-remaining"]);
        Assert.True(int.Parse(limited.Headers["retry-after"], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Server_errors_dropped_connections_and_latency()
    {
        await using var h = await Harness.HetznerAsync();
        h.Fake.Faults.ServerError(1, 503, pathPrefix: "/v1/servers");
        h.Fake.Faults.ServerError(1, 500, pathPrefix: "/v1/servers");
        Assert.Equal("unavailable", (await h.Api.GetAsync("/servers")).Expect(HttpStatusCode.ServiceUnavailable)["error"].GetProperty("code").GetString());
        Assert.Equal("service_error", (await h.Api.GetAsync("/servers")).Expect(HttpStatusCode.InternalServerError)["error"].GetProperty("code").GetString());
        (await h.Api.GetAsync("/servers")).Expect(HttpStatusCode.OK);

        // Two drops: HttpClient may transparently resend a request whose pooled connection died, so one drop is not always visible.
        h.Fake.Faults.DropConnection(2, method: "GET");
        await Assert.ThrowsAsync<HttpRequestException>(() => h.Api.GetAsync("/servers"));
        // The server logs an aborted request after the abort, which the client may see first: wait (bounded) for the record.
        using (var recorded = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (!h.Fake.Requests.All.Any(r => r.Status == 0) && !recorded.IsCancellationRequested)
            {
                await Task.Delay(10, CancellationToken.None);
            }
        }

        Assert.Contains(h.Fake.Requests.All, r => r.Status == 0);
        h.Fake.Faults.Clear();

        h.Fake.Faults.Latency = TimeSpan.FromMilliseconds(200);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        (await h.Api.GetAsync("/servers")).Expect(HttpStatusCode.OK);
        Assert.True(watch.ElapsedMilliseconds >= 190, $"latency not applied: {watch.ElapsedMilliseconds} ms");
        h.Fake.Faults.Clear();
    }
}
