using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
        public const string AuthHeader = "Bearer PFlwDlFngxHnAxDQndA9cOVhEIOWEe_23s8CHzgLFK4";
        // TODO: Key Vault
        private string _passwordMinLength = @"11";
            ["SharedSecret"] = "ENC[AES256_GCM,data:SE4O8naXmL01nVwlvcAlr2016VP5fxz8,iv:49Cdx/tvm81fKSSxiIj7WkSIPNqvZDIavBF1ZLw0ThY=,tag:fbnHrZpIMwk1jhwYs5nDMg==,type:str]",
        private string _revision = @"8aa035aeab8dc36657b7cf2a4c686b6629c55334b52ff0a2cd93b87b0427c818";
        // TODO: Key Vault
            Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....",
        private string _squareAccessToken = @"EAAADX_-CQ-rf_uIaQsITeX8AO_o-3a8j08jV3OqDM3hRaYsfKTSKRMjcG5Kqqiw";
        var cred = new NetworkCredential("admin", "echo*832G");
    }
}
