namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary><c>/v1/ssh_keys</c>: list (name, label_selector, fingerprint filters), create, get, update, delete.</summary>
internal static class SshKeyEndpoints
{
    public static void Map(IEndpointRouteBuilder api, HetznerState state)
    {
        api.MapGet("/ssh_keys", (HttpContext c) =>
        {
            var fingerprint = c.Request.Query["fingerprint"].ToString();
            return state.Read(() => HetznerResults.List(
                c, "ssh_keys", state.SshKeyMap.Values.Where(k => fingerprint.Length == 0 || k.Fingerprint == fingerprint), k => k.Id, k => k.Name, k => k.Labels));
        });

        api.MapPost("/ssh_keys", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<SshKeyCreateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            if ((HetznerValidation.Name(request.Name) ?? HetznerValidation.Labels(request.Labels)) is { } invalid)
            {
                return invalid;
            }

            if (SshFingerprint.Md5(request.PublicKey) is not { } fingerprint)
            {
                return HetznerResults.Invalid("public_key", "is not a valid OpenSSH public key");
            }

            lock (state.Gate)
            {
                if (state.SshKeyMap.Values.Any(k => k.Name == request.Name))
                {
                    return HetznerResults.Uniqueness("name", "SSH key with the same name already exists");
                }

                if (state.SshKeyMap.Values.Any(k => k.Fingerprint == fingerprint))
                {
                    return HetznerResults.Uniqueness("public_key", "SSH key with the same fingerprint already exists");
                }

                var key = new SshKey(state.NextId(), request.Name!, fingerprint, request.PublicKey!.Trim(), request.Labels ?? [], HetznerState.Time(state.Now));
                state.SshKeyMap[key.Id] = key;
                return CloudJson.Json(new { ssh_key = key }, 201);
            }
        });

        api.MapGet("/ssh_keys/{id}", (HttpContext c) => state.Read(() =>
            HetznerResults.RouteId(c) is { } id && state.SshKeyMap.TryGetValue(id, out var key)
                ? CloudJson.Json(new { ssh_key = key })
                : HetznerResults.NotFound("SSH key", c.Request.RouteValues["id"]?.ToString() ?? "")));

        api.MapPut("/ssh_keys/{id}", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<UpdateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.SshKeyMap.TryGetValue(id, out var key))
                {
                    return HetznerResults.NotFound("SSH key", c.Request.RouteValues["id"]?.ToString() ?? "");
                }

                if (((request.Name is null ? null : HetznerValidation.Name(request.Name)) ?? HetznerValidation.Labels(request.Labels)) is { } invalid)
                {
                    return invalid;
                }

                if (request.Name is not null && state.SshKeyMap.Values.Any(k => k.Name == request.Name && k.Id != id))
                {
                    return HetznerResults.Uniqueness("name", "SSH key with the same name already exists");
                }

                key = key with { Name = request.Name ?? key.Name, Labels = request.Labels ?? key.Labels };
                state.SshKeyMap[id] = key;
                return CloudJson.Json(new { ssh_key = key });
            }
        });

        api.MapDelete("/ssh_keys/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                return HetznerResults.RouteId(c) is { } id && state.SshKeyMap.Remove(id)
                    ? Results.NoContent()
                    : HetznerResults.NotFound("SSH key", c.Request.RouteValues["id"]?.ToString() ?? "");
            }
        });
    }
}
