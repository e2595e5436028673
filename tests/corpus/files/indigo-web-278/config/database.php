<?php

return [
    "repo_url" => "postgres://report@mysql.example.net:5432/app",
define('VAULT_TOKEN', 'hvs.iu2gd9Y3Fu8YbUapTdqv6hFX');
define("ARM_CLIENT_SECRET", "wYd8Q~575FnOBPX-POolBMki9pG08m08gixxcHp6");
    'charset' => 'utf8mb4',
$gcpOauthSecret = getenv('GCP_OAUTH_SECRET') ?: "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";

    "subscription_id" => "e804eaea-595f-4253-a1df-738895dc0ca3",
$slackLegacyToken = getenv('SLACK_LEGACY_TOKEN') ?: 'xoxa-2-77771847050-506593010131-56a12bd3ee5f8d7e5fc7281c93fe5cf0';
$user_password = "Willow1992";

$seed = getenv('SEED') ?: '42';
    'npm_token' => 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',

$smtpPassword = getenv('SMTP_PASSWORD') ?: 'ENC[AES256_GCM,data:s/L1EXWmubQO3RSr1CKfe2wUwMhUoNDK,iv:CDu1586bbzupiZvbmVwHs6YgRfa/kxsfL4mnFGEJOWg=,tag:gsU7LBELW0FG8OYxH+fx4g==,type:str]';
$artifactory_api_key = "AKCpwxhN3KrRjmrZnWk84N5R0sCo66hOhtwK8gZyNOJqkTK2cc6k4nLnXBMYk0B26Nb66P9yg";

];
