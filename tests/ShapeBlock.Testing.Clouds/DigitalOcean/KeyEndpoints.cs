namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary><c>/v2/account/keys</c>: list, create, get/update/delete by id or fingerprint.</summary>
internal static class KeyEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DigitalOceanState state, Func<string> origin)
    {
        api.MapGet("/account/keys", (HttpContext c) => state.Read(() =>
            DoResults.List(c, origin(), "ssh_keys", state.KeyMap.Values.OrderBy(k => k.Id))));

        api.MapPost("/account/keys", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<KeyRequest>(c);
            if (body.Value is not { } request)
            {
                return DoResults.BadRequest(body.Error!);
            }

            if (DoValidation.Name(request.Name) is { } invalid)
            {
                return invalid;
            }

            if (SshFingerprint.Md5(request.PublicKey) is not { } fingerprint)
            {
                return DoResults.Unprocessable("Key invalid type, we support 'ssh-rsa', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', or 'ecdsa-sha2-nistp521'");
            }

            lock (state.Gate)
            {
                if (state.KeyMap.Values.Any(k => k.Fingerprint == fingerprint))
                {
                    return DoResults.Unprocessable("SSH Key is already in use on your account");
                }

                var key = new SshKey(state.NextKeyId(), fingerprint, request.PublicKey!.Trim(), request.Name!);
                state.KeyMap[key.Id] = key;
                return CloudJson.Json(new { ssh_key = key }, 201);
            }
        });

        api.MapGet("/account/keys/{id}", (HttpContext c) => state.Read(() =>
            Find(c, state) is { } key ? CloudJson.Json(new { ssh_key = key }) : DoResults.NotFound()));

        api.MapPut("/account/keys/{id}", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<KeyRequest>(c);
            if (body.Value is not { } request)
            {
                return DoResults.BadRequest(body.Error!);
            }

            lock (state.Gate)
            {
                if (Find(c, state) is not { } key)
                {
                    return DoResults.NotFound();
                }

                if (DoValidation.Name(request.Name) is { } invalid)
                {
                    return invalid;
                }

                key = state.KeyMap[key.Id] = key with { Name = request.Name! };
                return CloudJson.Json(new { ssh_key = key });
            }
        });

        api.MapDelete("/account/keys/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                return Find(c, state) is { } key && state.KeyMap.Remove(key.Id) ? Results.NoContent() : DoResults.NotFound();
            }
        });
    }

    /// <summary>Keys are addressed by id or by fingerprint, like the real API.</summary>
    private static SshKey? Find(HttpContext c, DigitalOceanState state)
    {
        var value = DoResults.RouteValue(c);
        return DoResults.RouteLong(c) is { } id && state.KeyMap.TryGetValue(id, out var byId)
            ? byId
            : state.KeyMap.Values.FirstOrDefault(k => k.Fingerprint == value);
    }
}
