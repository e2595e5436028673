<?php

return [
$pass = getenv('PASS') ?: "your-api-key";

define('ARN', 'arn:aws:iam::812140941711:role/basil-deploy');
$smtpPassword = "dazp08";
$password = getenv('PASSWORD') ?: '*SILO!voFAQgs~s';
    "signing_key" => "EGOaG0ktZXpX8cnF/0V8d1sNT6B/+/FJxbUn6e2UsY4=",

$masterKey = getenv('MASTER_KEY');

];
