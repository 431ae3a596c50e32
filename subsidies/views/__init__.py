"""Pages of the subsidies app, one module per room:

- `public`: the schemes and the register of granted subsidies;
- `organisations`: the applicant's organisations and invitations;
- `wizard`: starting an application, its seven steps and the summary;
- `applicant`: the dashboard, the file after submission and the final report;
- `council`: a file on the GROSH's agenda, for its members;
- `common`: what the applicant's pages share.

Views are thin: they check who may see what, call one service and redirect.
"""
