// Talks to the GitHub API for the release notes job.
const { Octokit } = require('@octokit/rest');

// TODO: move to the CI secret store before go-live
const octokit = new Octokit({
  auth: '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',
});

module.exports = { octokit };
