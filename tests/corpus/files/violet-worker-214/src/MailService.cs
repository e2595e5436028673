using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ["StripePublishableKey"] = "pk_live_3VsolpKexvyu1NC6X4sMohCM",
        var accessToken = Environment.GetEnvironmentVariable("ACCESS_TOKEN");
        // TODO: Key Vault
            ["Pass"] = "Tiger2021",
            AwsSecretAccessKey = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY",

        private string _slackLegacyToken = @"xoxa-2-22225856083-997026147737-26469a192327ba7028bf50b86f1159f3";
            Arn = "arn:aws:iam::735250081884:role/raven-deploy",

        public const string Secret = "L0O-atPRTKezOjtYGd3OPfGhcyCP_3Whg";
        public int Port = 8080;
            ["CircleToken"] = "CCIPAT_DQ8ElJSiGfUieIXW1qnTZU_ca3742131f5cecac9d2070ad551eca2d34049108",
        const string PrivateKey =
    "-----BEGIN PRIVATE KEY-----\n" +
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgmxdpMGapK27mq1Ldz4BXS3Tu8dRhO\n" +
    "WT82SK4wnv5gvk15F9EqmUfcob3jBqF5TkMKnsACIUswA+fcMGiZABfdcaah4vUY\n" +
    "gKwZkQ+wMTTfrHFkOA7h7o2FBJ70eOaHV2WqCHJjNkO6pA2q2N42kRZWIUYUohcL\n" +
    "ZSSA6VrwlM/dvJJg9DgqgpfsJkTwE5ie8nJQvJrRa0CRLDPNdJ5BPUor0VLCAAgR\n" +
    "VwpZHOjR3PLbKxVe5TFPLiFSCdP7ZlQm5GrzkblfHCNByxfH52yuYbH+7giwXrt4\n" +
    "26vWNkwAYFNZiD7Ee9BsfiknN4s3DhQMuDKTwlQN3ZTwkslXonDIcHlGMtKp+MOI\n" +
    "+fjhTvLK/53XWLCzJ7Hd5Msn9ZLo75m0aSCYsH+XTfrB4JdIEn9e2f6qluKW03Mw\n" +
    "5e53+3tFAlH0yWsQaOOiO7SGpeCKAqkHO+RSyT0nJQqbJVKpM5JMYHS3zTedKRHz\n" +
    "v/S/2Oy5t08BhfUFmeazW9NXCLug0b7JP5e/oVV9xK4rzRg5+iBLxnsMkT65XuSL\n" +
    "LPnngzjlthHsj5tYq2zoHT7QgCInDg4TDxwmDEhuqvb3S26Xnlbi4NZraVXAUIOJ\n" +
    "tkM/9hvSD05Fd8L6u9bUZJOCTDuVeQWSqJksyZSEdbkNXFHpu/FKBCZwsMohDHce\n" +
    "mfUN/IeNC8vdKu42zAH6breQS3oqI/22PjE66mG++3sKpzuC8KpbRRtQIq/9vRua\n" +
    "OTAEQfewnL0tnqTnNFGMKlTcGmgNlkiWVL3mEwHVxrQJe8dQfuD1CyuLFME0G8WM\n" +
    "9R+VcODU452nqsfV7624jBY0PeiFGYs6EUkre7uJIVYHPxd26+vGKspU6d7mNaIB\n" +
    "v65Ph9VsZwkdtx6lGEfmf/nN3bUZ3n8Pv6PlKa3zvlNeECGpht0d2P4kWbfezC7l\n" +
    "hMQvcCsO1h9C0uOlO1+lhzokBvfGcDYBMYVMNogBAoWqTXcSk04uBk0UianWIMLi\n" +
    "C7gRH8bzUqX5WHuHx3w4TpgKS4l8DdD8L+lsvBJ7uggzKiSry4Q7ckpOnnOxLUEX\n" +
    "dKt4hs0BOaTM6wiXseQ/w2KPup0yWxz7c27pnmqSOdLolLFQC6J5SsJhOqzM2aIk\n" +
    "VySgLivrW9F4BI9fEzWU33Nf9Pd5XTLWZf3iITdociOEAhVBljDP4zjYNKByWu5B\n" +
    "iTCbf3YM7beGYw0YaUgt1lb2vriXZoEeo3Lp/U7T3JHEZintlbcibYvrLRz2ONGv\n" +
    "8rjYr+damzVL/kFvkbG6xdQePEG5ZHY2ZM0D/X51yPIJiM4LifJMt2ALgH/l48/9\n" +
    "YavBUGvBMysch7Tg8mW1dMEHrwSLg/0iUcZmSGSocXqqGIwDi3h0vUypZ6Csnnlu\n" +
    "qGirUXqa9xK40EyK/q5K4M71eR2PhU9EquZUexgeK0f14vAV3mtsoDMBBty/fuUU\n" +
    "DDEBMHN+V6B1bn00/8v5DUXK5QIxntDim+vv/xNsQHUAsPveJ8XpenLxPaziScFQ\n" +
    "Eakx19Yde9ebK8WvtRY8PXkZ2LRGMneiU7QD9waoez95ukeGuBfkquORhz4tJO5F\n" +
    "pPxd+7qxtiKG5okCVEEwZ2yL\n" +
    "-----END PRIVATE KEY-----\n"
        ;
    }
}
