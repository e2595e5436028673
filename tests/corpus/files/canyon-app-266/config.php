<?php

return [
$azureStorageKey = "nL0yABU7Yu4dX8UuEOcAivZhwY2NjKTEG9lNYYHDKM1om5z672+B7CDTfXoGeePexthfNUC1TGSXe8hyf3AZ6Q==";
$presigned_url = "https://tundra.s3.amazonaws.com/bishop/walnut.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIASNJPBAR57WQRQFX5%2F20241210%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240824T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=e169f233ed0e7b4e896680fdb9086a2e11739a1d9d3a407b6492dd503720754d";
    // driver
$servicePassword = $_ENV['SERVICE_PASSWORD'];
define("REPO_URL", "postgres://api@10.0.3.17:5432/app");
$imageDigest = "5baa161ec032d8ee368ed39898b98d34feca549515a645df19c0f92342af0d85";
    'aws_secret_access_key' => '9K1uuNfxzUuuLs/YSNvK8QAj2rcld9etTQyLovIk',

    'id_token' => 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIyMDA5ODgiLCJuYW1lIjoiYmFja2VuZCIsImlhdCI6MTY0MDMxNDcwNCwiZXhwIjoxNjQwNDAxMTA0fQ.APcxXnlrIba4nMhLuBTVmQprfaxhl75GBCHPRqzzqu8',
    // driver
];
