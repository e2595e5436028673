using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            Integrity = "sha512-LVU23s6vJBp3zujjeyypUJVtu0eNt/5QQhjDEb9m1Zg3EI0ucS9GlLdvYhEJom4yC7d6kP1M/VzQcVb0+l/cBw==",
            ["JdbcUrl"] = "jdbc:postgresql://mysql.example.net:5432/opal?user=deploy&password=n94idWrusCqF",
        public const string Authorization = "Bearer 4dE4sX8bresK4hvFhutaVJ5hWOBgvXjTo70tFUI1";
            ["NonceSize"] = "16",
        public const string ServicePassword = "none";
        private string _secretArn = @"arn:aws:secretsmanager:eu-west-1:003612649785:secret:dragon-AbCdEf";
        // TODO: Key Vault
        public const string DiscordWebhook = "https://discord.com/api/webhooks/0043164911810322513/9reJAWKf9GLSwCXGCoP5pzkARRH40BHITlLJ-q-2mOoLjRNYSZx7iITqk90cImZaFFfP";
            SharedSecret = "dummy",
        public int Port = 8080;
    }
}
