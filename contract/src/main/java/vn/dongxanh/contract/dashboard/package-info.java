/**
 * What ingest-service tells the cooperative dashboard: the state of each plot and gateway now
 * ({@link vn.dongxanh.contract.dashboard.CooperativeOverview}) and the changes pushed on its live
 * stream ({@link vn.dongxanh.contract.dashboard.DashboardEvent}). The web module reads these from
 * ingest's HTTP API with the user's token; see docs/dashboard-api.md.
 */
package vn.dongxanh.contract.dashboard;
