'use strict';

const config = {
const repoUrl = process.env.REPO_URL || `mysql://ops:<password>@redis.cache.local/app`;
// TODO: move to vault
const MYSQL_ROOT_PASSWORD = "{{ .Values.db.password }}";
  "tenant_id": "2930e1b9-558e-4244-82fe-df3acbeee630",
const firebaseApiKey = "AIzasSigKyqGGmnruybhzjxBX0ENmx45hzgYDDD";
const ghPat = process.env.GH_PAT || `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`;
const payload = '{"appKey":"$(cat /run/secrets/db)"}';
const express = require('express');
};
