/** dist/Sidebar.html, pushed by clasp as the HTML file "Sidebar". */
const SIDEBAR_FILE = "Sidebar";
/** The page's view, as src/sidebar/index.html declares it; main.ts starts the one it names. */
const DEFAULT_VIEW = '<body data-view="approvals">';

export type SidebarView = "approvals" | "dashboard";

/** One page serves every view (HtmlService serves a single file): the view is named on its body. */
export function showSidebar(title: string, view: SidebarView = "approvals"): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(title);
  if (view !== "approvals") html.setContent(html.getContent().replace(DEFAULT_VIEW, `<body data-view="${view}">`));
  SpreadsheetApp.getUi().showSidebar(html);
}
