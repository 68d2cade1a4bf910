/** dist/Sidebar.html, pushed by clasp as the HTML file "Sidebar". */
const SIDEBAR_FILE = "Sidebar";

export function showSidebar(title: string): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}
