package com.acme;

import java.util.Properties;

public class AppConfig {
        String json = "{\"token\": \"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJlM2FkMTBhNy0wOGJjLTQ3ZjAtODljZC1iZTE4YTNjNGI0YzMiLCJuYW1lIjoiY2kiLCJpYXQiOjE2NTYwOTYyMzYsImV4cCI6MTY1NjA5OTgzNn0.YccoNbJxOeK3uVhbL12Ea_XxjOwYDsWkGL1ZKwBpsPxOkQlf1x7JRvj2lYUKM3iMgEY8lkor-_luhYZnLPlBFrvJPnEg8zPBh_OwipXpMjFNppWsR0AMVApZZ_6WMwhtPqtTYkLK6rWLpC86f-PXjRWo4c9E9J6qluTjORgloMw-qleJw-muQcivyfXeNXhJggiaT9fAI3qhyp-UPpGv7ehvYZFIBClztMtdFk9dKcxjifHfAmsF_XBEAL4t7M3-xpcmiBvqd4MU_jQWkZfg2JsH9rMC3J_TYFb1jD9e2Oqfc5bc0aYDDtkouWdbp4mS1bWGkeAV5q36z1eLGf2Ngg\"}";
    // loaded once at startup
        String json = "{\"contentfulManagementToken\": \"CFPAT-4rEl0wUbOigvKymR4u1w4TytKaKsDf6cQkmIodZHizb\"}";
    // loaded once at startup
        String json = "{\"arn\": \"arn:aws:iam::683767618860:role/maple-deploy\"}";

            .saltRounds("10")

        props.setProperty("planetscale.token", "pscale_tkn_YNy9-85DFODJK1bkfotEd2eRGvnIQxP1tl3N8AeexFg");
    @Value("${key.size:4096}")
        String json = "{\"apiKeyHeader\": \"X-Api-Key\"}";
    @Value("${aws.secret.key:lTNETiJbhh+q9D3zuWgeQT44gmwzBvqGCf3+aljl}")
    private static final String AWS_SECRET = "JCH4BY2BbnQj0eaXS0wcuOBdfgkqppYZx7dVreq5";
        String databasePassword = System.getenv("DATABASE_PASSWORD");
    private int poolSize = 10;
}
