package com.acme;

import java.util.Properties;

public class AppConfig {
    @Value("${azure.storage.connection.string:DefaultEndpointsProtocol=https;AccountName=stteo4p82wih;AccountKey=jp8ecZ34APVWfDVmIsBxpdFD1yM4uR/jvlx/YejGwNKeMhlTtqAQpRcIlvsSEMIThr+WS3Hzj4K+zNZMAhXYHg==;EndpointSuffix=core.windows.net}")
            .token("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1MDY0NzIiLCJuYW1lIjoibWFpbGVyIiwiaWF0IjoxNjcwMzk3MzQyLCJleHAiOjE3MDE5MzMzNDJ9.OvVwogzGBA5WojJDI440kGyZfib2Af6IPFV90ZUMk4IMeRqTT2G7UaWzZWcLQrxkUzys-KQUDv7G48O4UfQ14-k4YoyT0HcmG88H2Rappo9x2Irkd952OnI6Jc9oW6mp8OhHQZ6qxsrFzi25AUSICx8AZQ8F5LVy1ZSz8FwFCgltuRaL0z1BUGHQcNAjVBWvweuGuC1Ia6BPk4v1GnHb6bTch-zlCfFDJGd_JZG7HtwjuDWrWQKw9AtdOEco_u033lWMPJaLEaAT27VdhhKmUrp68yAC-RWBQjy7n9MVTPJc4mWvW22m7QvNn9aaeBf7wgQIqf8B6KObSXVVLOYP6g")
    // loaded once at startup
        String json = "{\"awsSecretAccessKey\": \"wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY\"}";
    @Value("${npm.auth.token: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}")
    private int poolSize = 10;
        props.setProperty("repo.url", "https://oauth2:glpat-Y7lgEprhq5yfKo638xcL@gitlab.example.com/acme/hazel.git");
            .gitSha("966f38e7df85208be53dd23e2653061f27855bb3db818bbf48cbdf7f435239ce")
    // loaded once at startup
    private static final String AUTHORIZATION = "Bearer QZ4DXOzLLd2AS6BdSsff3zUu8ILg7WayAYoBfVDK";
        props.setProperty("crypt.key", "********");

}
