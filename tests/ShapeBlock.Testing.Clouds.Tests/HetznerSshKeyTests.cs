using ShapeBlock.Testing.Clouds.Hetzner;

namespace ShapeBlock.Testing.Clouds.Tests;

public sealed class HetznerSshKeyTests
{
    [Fact]
    public async Task Ssh_key_create_get_update_list_delete()
    {
        await using var h = await Harness.HetznerAsync();
        var created = (await h.Api.PostAsync("/ssh_keys", new { name = "prod-key", public_key = Harness.PublicKey, labels = new Dictionary<string, string> { ["shapeblock.io/cluster"] = "prod" } }))
            .Expect(HttpStatusCode.Created)["ssh_key"];
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(SshFingerprint.Md5(Harness.PublicKey), created.GetProperty("fingerprint").GetString());
        Assert.Matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", created.GetProperty("fingerprint").GetString());
        Assert.Equal("prod", created.GetProperty("labels").GetProperty("shapeblock.io/cluster").GetString());
        Assert.False(string.IsNullOrEmpty(created.GetProperty("created").GetString()));

        var got = (await h.Api.GetAsync($"/ssh_keys/{id}")).Expect(HttpStatusCode.OK)["ssh_key"];
        Assert.Equal("prod-key", got.GetProperty("name").GetString());

        var updated = (await h.Api.PutAsync($"/ssh_keys/{id}", new { name = "renamed", labels = new Dictionary<string, string> { ["a"] = "b" } }))
            .Expect(HttpStatusCode.OK)["ssh_key"];
        Assert.Equal("renamed", updated.GetProperty("name").GetString());
        Assert.Equal("b", updated.GetProperty("labels").GetProperty("a").GetString());

        var byFingerprint = (await h.Api.GetAsync("/ssh_keys?fingerprint=" + SshFingerprint.Md5(Harness.PublicKey))).Expect(HttpStatusCode.OK);
        Assert.Single(byFingerprint["ssh_keys"].EnumerateArray());

        (await h.Api.DeleteAsync($"/ssh_keys/{id}")).Expect(HttpStatusCode.NoContent);
        var gone = (await h.Api.GetAsync($"/ssh_keys/{id}")).Expect(HttpStatusCode.NotFound);
        Assert.Equal("not_found", gone["error"].GetProperty("code").GetString());
        Assert.Empty(h.Fake.State.SshKeys);
    }

    [Fact]
    public async Task Duplicate_name_or_key_is_a_uniqueness_error()
    {
        await using var h = await Harness.HetznerAsync();
        (await h.Api.PostAsync("/ssh_keys", new { name = "k", public_key = Harness.PublicKey })).Expect(HttpStatusCode.Created);

        var sameName = (await h.Api.PostAsync("/ssh_keys", new { name = "k", public_key = Harness.OtherPublicKey })).Expect(HttpStatusCode.Conflict);
        Assert.Equal("uniqueness_error", sameName["error"].GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(sameName["error"].GetProperty("message").GetString()));

        var sameKey = (await h.Api.PostAsync("/ssh_keys", new { name = "k2", public_key = Harness.PublicKey })).Expect(HttpStatusCode.Conflict);
        Assert.Equal("uniqueness_error", sameKey["error"].GetProperty("code").GetString());
        Assert.Single(h.Fake.State.SshKeys);
    }

    [Fact]
    public async Task Invalid_input_and_bad_json_are_rejected_in_hetzners_shape()
    {
        await using var h = await Harness.HetznerAsync();
        var badKey = (await h.Api.PostAsync("/ssh_keys", new { name = "k", public_key = "not a key" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", badKey["error"].GetProperty("code").GetString());
        Assert.Equal("public_key", badKey["error"].GetProperty("details").GetProperty("fields")[0].GetProperty("name").GetString());

        var badLabel = (await h.Api.PostAsync("/ssh_keys", new { name = "k", public_key = Harness.PublicKey, labels = new Dictionary<string, string> { ["bad key!"] = "x" } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", badLabel["error"].GetProperty("code").GetString());

        var badJson = (await h.Api.PostAsync("/ssh_keys", "{\"name\": ")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("json_error", badJson["error"].GetProperty("code").GetString());
        Assert.Empty(h.Fake.State.SshKeys);
    }
}
