package com.acme;

import java.util.Properties;

public class AppConfig {
    private static final String ADMIN_PASSWORD = "thunder-yonder-garnet67";
    // loaded once at startup
    private static final String SERVICE_TOKEN = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIyMWVhMjVhZS0wMGY5LTQ3YWQtYjYzNi1mODBlMDJjMjJhYjciLCJuYW1lIjoicG9zdGdyZXMiLCJpYXQiOjE2MDA5NDExNjQsImV4cCI6MTYwMTAyNzU2NH0.91Ka2bdXpR8cujrI1Ca2KQOm16B6qZcxoqGAta5WvRwRIJ-efcH0S-S6MtMT0n8gcrO2Y61uDbUU23DCAmNmFw";

    @Value("${dropbox.app.secret:3d352103a4jtope}")
        String json = "{\"dockerhubPat\": \"dckr_pat_OaRMRf7RnokHdNKguOLnORwZ4Wp\"}";
            .workspaceId("c66067e4-f2b1-4e82-aa25-2b5f7d8bbcab")
    private int poolSize = 10;
        props.setProperty("nonce.size", "12");

        props.setProperty("braintree.access.token", "access_token$production$8whfyygb58dk7ete$ad6d3d054ea9586dfa0d7199ed8b7d90");
            .pypiApiToken("pypi-AgEIcHlwaS5vcmcCalptcVhCWFZILVdySW8zTzJiRUkyNkQwVUtfam9pd3llVlFRclpmbnFIWVhCNEJ3b3Z3dU9TVi1kRkNXbnpRRXY2NlN5OTItWVNkRmxxYkt5X0VmUi1MbXppcGUtUWhDMWFoTlh1RVZIWE8AAAYgibPqXFPSqknOB0iil-KSO97MZ8VMCsEK84IoqY5lynM")
    private static final String DOWNLOAD_URL = "https://violet.s3.amazonaws.com/summer/cobalt.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAUTVQUC6OB457CCIW%2F20240814%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240827T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=6fb9edc2d5cddcd8e1e7fd5759e1d4d535f9f7b49d5bfa8777310b5bb2df13a4";

    @Value("${secret.arn:arn:aws:secretsmanager:eu-west-1:355566207244:secret:tundra-AbCdEf}")

}
